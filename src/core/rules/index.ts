export {
  actsAsDirector,
  checkDeadlineMove,
  checkHardDeadlineMoveRecorded,
  checkDeadlineMoveNeedsContinuation,
  continuationDeadline,
  movesLater,
  type ActorRelation,
} from './deadlines.js';
export { continuationNeedsNewPart, nextPartNumber } from './continuation.js';
export {
  awaitsRating,
  checkAwaitingControl,
  checkControlClose,
  checkIsDirector,
  checkMayCreateControl,
  checkNoOpenRemarks,
  checkNotClosingAwaitingControl,
  checkMaySubmitProgress,
  checkNotProgressTransfer,
  checkRating,
  checkReturnDeadline,
} from './control.js';
export {
  checkCoExecutors,
  checkMayClose,
  checkMayDelete,
  checkMayTrackTime,
  handoverStopsTimers,
  observerWarning,
  ownSeconds,
} from './people.js';
export { missingPlanWarning, planningFlags } from './planning.js';
export { checkMayChangePolicy } from './policy.js';
export {
  checkClosedWithResult,
  checkConclusion,
  checkGeneralConclusion,
  conclusionText,
  checkExplanation,
  checkResultGiven,
  isBlankText,
  planForExplanation,
  type PlanChange,
  closedWithoutResultFlag,
  explanationNeeded,
  isManagementTask,
  needsGeneralConclusion,
} from './results.js';
export {
  checkBacklogNotTimed,
  checkBacklogStatus,
  checkNotInBacklog,
  checkPullHasPlan,
  stecDeadline,
  stecDefaults,
} from './stec.js';
export {
  checkCompoundClose,
  checkCompoundFields,
  checkKindChange,
  checkNoOwnTime,
  checkStepParent,
  generalLevelUnder,
  type CompoundFacts,
} from './compound.js';
export {
  checkManualComment,
  checkNoOverlap,
  checkOneTaskToStart,
  checkRetroactiveReason,
  firstClash,
  isRetroactive,
} from './time.js';
export { checkTitleHasProject } from './titles.js';
export { checkTracksTime } from './tracking.js';
export {
  checkTaskAction,
  relationsAllow,
  TASK_PERMISSIONS,
  type TaskAction,
  type TaskRelation,
} from './permissions.js';
export { checkTaskInvariants, type TaskState, type TaskSurroundings } from './invariants.js';
