export { checkDeadlineMove } from './deadlines.js';
export { checkCoExecutors, checkMayClose, checkMayTrackTime, observerWarning } from './people.js';
export { missingPlanWarning, planningFlags } from './planning.js';
export { checkResultGiven } from './results.js';
export { checkTitleHasProject } from './titles.js';
export { checkTracksTime } from './tracking.js';
