import type { TaskStatus } from './status.js';

/**
 * The report shapes every format is written from, and the versioned JSON that scripts and
 * `task report merge` read (docs/reports.md). Durations are whole minutes; instants ISO 8601 UTC;
 * days local YYYY-MM-DD.
 */
export const REPORT_VERSION = 1;

export interface ReportResult {
  result: string;
  proposal: string | null;
  abstract: string | null;
  links: string[];
  explanation: string | null;
  conclusion: string | null;
  at: string;
}

export type CarriedOver =
  | { kind: 'deadline_moved'; deadline: string }
  | { kind: 'continued'; taskId: number; title: string }
  | { kind: 'open' };

export interface ReportTaskLine {
  id: number;
  title: string;
  project: string | null;
  status: TaskStatus;
  /** Why the task is in the report: in the plan (by deadline, put there, carried in overdue) or unplanned work. */
  plan: 'deadline' | 'added' | 'overdue' | 'unplanned';
  compound: boolean;
  plannedMinutes: number | null;
  trackedMinutes: number;
  result: ReportResult | null;
  /** Unfinished planned work: where it went (R35). */
  carriedOver: CarriedOver | null;
  flags: string[];
  /** R20: when the task came into the plan after work on the day had begun; null when it was planned before. */
  addedLate: string | null;
  /** Given by someone else (its director is not the responsible); false for one's own initiative. */
  assigned: boolean;
}

export interface ReportEntryLine {
  id: number;
  taskId: number;
  title: string;
  start: string;
  end: string | null;
  minutes: number;
  /** R22: of the day's part of it, what was typed or stretched by hand (a timer's own time is not). */
  handMinutes: number;
  source: 'timer' | 'manual' | 'import';
  comment: string | null;
  retroactive: boolean;
  /** Changed by hand after the timer recorded it (R22): `time edit`, a timer dated back with --at, `cancel`. */
  corrected: boolean;
  reason: string | null;
}

export interface ReportAmendment {
  entryId: number;
  taskId: number;
  at: string;
  before: { start: string; end: string | null } | null;
  after: { start: string; end: string | null };
  /** The time was moved from one task to another (`time edit --task`). */
  taskMove: { from: number; to: number } | null;
  comment: string;
  reason: string | null;
}

/** R23: any other change that altered the recorded day (a task deleted, a plan edited, an import), with its reason. */
export interface ReportChange {
  at: string;
  by: string;
  /** Who was at the keyboard when the change was made with --as (R38). */
  via: string | null;
  what: string;
  reason: string;
}

export interface ReportApproval {
  by: string;
  at: string;
  mark: 'positive' | 'negative';
  comment: string | null;
}

export interface ReportRemark {
  taskId: number;
  title: string;
  author: string;
  body: string;
  at: string;
}

export interface DayReport {
  schema: 'regula.day-report';
  version: typeof REPORT_VERSION;
  user: string;
  day: string;
  generatedAt: string;
  workday: { startedAt: string; endedAt: string | null; breakMinutes: number; presentMinutes: number } | null;
  tasks: ReportTaskLine[];
  /** R22, R23: manual and retroactive entries of the day. */
  flaggedEntries: ReportEntryLine[];
  overdue: { id: number; title: string; deadline: string }[];
  negativeRatings: ReportRemark[];
  unansweredRemarks: ReportRemark[];
  totals: {
    plannedMinutes: number;
    /** Of plannedMinutes, what came into the plan after work began (R20). */
    plannedLateMinutes: number;
    trackedMinutes: number;
    unplannedMinutes: number;
    workdayMinutes: number;
    presentMinutes: number | null;
    untrackedMinutes: number | null;
    /** tracked / planned, two decimals; null without a plan. */
    ratio: number | null;
  };
  recorded: {
    recordedAt: string;
    amended: boolean;
    /** Time corrections of the day made after it was recorded (R22, R23). */
    amendments: ReportAmendment[];
    /** Every other change of the day after it was recorded (R23). */
    changes: ReportChange[];
    /** The totals as recorded (and approved): what the amendments changed is told against them. */
    recordedTotals: DayReport['totals'] | null;
    approval: ReportApproval | null;
  } | null;
}

export interface PeriodReport {
  schema: 'regula.period-report';
  version: typeof REPORT_VERSION;
  users: string[];
  from: string;
  to: string;
  generatedAt: string;
  excludedTags: string[];
  days: { day: string; plannedMinutes: number; trackedMinutes: number }[];
  byProject: { project: string | null; minutes: number }[];
  byTag: { tag: string | null; minutes: number }[];
  byCrm: { link: string; minutes: number }[];
  totals: { plannedMinutes: number; trackedMinutes: number; ratio: number | null };
}

/** R35: a day's report - recorded, approved, missing (a working day up to today without one), or not due (a day to come, a day off). */
export type DayReportState = 'recorded' | 'approved' | 'missing' | 'not_due';

export interface TeamPerson {
  user: string;
  fullName: string | null;
  plannedMinutes: number;
  /**
   * R20: of plannedMinutes, what came into the plans after work on the day had begun - the sum over the
   * period's days of each day's own figure (the day report's). Null only in a merge of team reports
   * written before periods had it.
   */
  plannedLateMinutes: number | null;
  trackedMinutes: number;
  /** R35: working-day time with no entry (present minus tracked), over the days with a working day; null when none was recorded. */
  untrackedMinutes: number | null;
  ratio: number | null;
  days: {
    day: string;
    plannedMinutes: number;
    plannedLateMinutes: number | null;
    trackedMinutes: number;
    /** Null when no working day was recorded that day. */
    untrackedMinutes: number | null;
    report: DayReportState;
    mark: 'positive' | 'negative' | null;
  }[];
  closed: { taskId: number; title: string; status: TaskStatus; result: ReportResult | null }[];
  overdue: { taskId: number; title: string; deadline: string }[];
  awaitingControl: { taskId: number; title: string; kind: 'completion' | 'progress' }[];
  negativeRatings: ReportRemark[];
  unansweredRemarks: ReportRemark[];
  /** The tasks worked in the period (planned, tracked or closed), with where each went; empty in reports written before. */
  tasks: TeamTaskLine[];
  /** R29: every rating given on this person's tasks in the period. */
  ratings: {
    taskId: number;
    title: string;
    mark: 'positive' | 'negative';
    author: string;
    body: string;
    at: string;
  }[];
  /** R29: tasks closed in the period under the manager's direction that wait for the manager's rating. */
  awaitingRating: { taskId: number; title: string }[];
  /** R34: open tasks with no deadline and in no plan from today on - work nobody has scheduled. */
  unscheduled: { taskId: number; title: string }[];
  /** R36: tasks whose deadline was moved in the period, and how often. */
  deadlineMoves: { taskId: number; title: string; moves: number }[];
  /** Tracked time on work given by someone else (assigned) and on the person's own tasks (own initiative). */
  assignedMinutes: number;
  ownMinutes: number;
  /** R3: open tasks this person observes. */
  observing: number;
  /** R22, R23: time entered or changed by hand in the period (manual, corrected, retroactive entries). */
  byHand: { entries: number; minutes: number };
}

/** One task of a person's period in the team report: the day report's lines of the period merged. */
export interface TeamTaskLine {
  taskId: number;
  title: string;
  status: TaskStatus;
  /** In a plan on some day of the period (false: unplanned work, R34). */
  planned: boolean;
  compound: boolean;
  plannedMinutes: number | null;
  trackedMinutes: number;
  /** Given by someone else (its director is not the person) rather than taken on by the person. */
  assigned: boolean;
  result: ReportResult | null;
  /** Unfinished planned work: where it went (R35) - as on the last day it was in. */
  carriedOver: CarriedOver | null;
  /** R20: when it came into a plan after work on that day had begun; null when planned before. */
  addedLate: string | null;
  /** R7, R8. */
  flags: string[];
}

export interface TeamReport {
  schema: 'regula.team-report';
  version: typeof REPORT_VERSION;
  manager: string | null;
  from: string;
  to: string;
  generatedAt: string;
  people: TeamPerson[];
  totals: { plannedMinutes: number; trackedMinutes: number; ratio: number | null };
}

export type AnyReport = DayReport | PeriodReport | TeamReport;

export function ratioOf(tracked: number, planned: number): number | null {
  return planned > 0 ? Math.round((tracked / planned) * 100) / 100 : null;
}
