/**
 * bench/generate.ts - a deterministic (seeded) database of a realistic team for benchmarks:
 * people with managers, projects and tags, ordinary / compound (with subtasks) / STEC / control tasks,
 * Part N chains, comments and results, a year of working-day time entries (a few manual and retroactive),
 * working days, and recorded (some approved) day reports.
 *
 *   npx tsx bench/generate.ts --db /tmp/team.db [--scale 1] [--people 50] [--tasks 20000]
 *                            [--entries-per-day 20] [--days 365] [--team 10] [--seed 42] [--today 2026-11-27]
 *
 * Scale 1: 50 people, 20,000 tasks, about 260,000 time entries. --scale multiplies the tasks and the
 * time entries per day (0.1 gives a tenth, 10 ten times the data) for the same team. Time zone: the
 * process TZ (the benchmark runs with TZ=UTC).
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { migrate } from '../src/db/migrations.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    scale: { type: 'string', default: '1' },
    people: { type: 'string' },
    tasks: { type: 'string' },
    'entries-per-day': { type: 'string' },
    days: { type: 'string', default: '365' },
    team: { type: 'string', default: '10' },
    seed: { type: 'string', default: '42' },
    today: { type: 'string', default: '2026-11-27' },
  },
});
if (!values.db) {
  console.error('usage: npx tsx bench/generate.ts --db PATH [--scale N] ...');
  process.exit(2);
}
const scale = Number(values.scale);
// The team stays the same size; the scale multiplies its history (tasks and time entries).
const peopleCount = Number(values.people ?? 50);
const taskCount = Number(values.tasks ?? Math.round(20_000 * scale));
const entriesPerDay = Number(values['entries-per-day'] ?? Math.max(1, Math.round(20 * scale)));
const dayCount = Number(values.days);
const teamSize = Number(values.team);
const today = new Date(`${values.today}T00:00:00`);

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(values.seed));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

const PROJECTS = [
  'Sales',
  'Ops',
  'Legal',
  'Finance',
  'Marketing',
  'Support',
  'HR',
  'IT',
  'Retail',
  'Logistics',
  'Продажи',
  'Закупки',
  'Бухгалтерия',
  'Склад',
  'Реклама',
];
const VERBS = [
  'Call',
  'Prepare',
  'Review',
  'Send',
  'Check',
  'Agree',
  'Update',
  'Plan',
  'Write',
  'Fix',
  'Подготовить',
  'Согласовать',
  'Проверить',
  'Отправить',
  'Позвонить',
];
const OBJECTS = [
  'the offer',
  'the contract',
  'the monthly report',
  'client Ivan Petrov',
  'the price list',
  'the delivery schedule',
  'the budget',
  'the onboarding plan',
  'договор поставки',
  'отчёт за месяц',
  'счёт клиенту',
  'план продаж',
];
const TAGS = [
  'SALES',
  'CONTROL',
  'NO',
  'urgent',
  'client',
  'internal',
  'report',
  'legal',
  'travel',
  'meeting',
];

rmSync(values.db, { force: true });
rmSync(`${values.db}-wal`, { force: true });
rmSync(`${values.db}-shm`, { force: true });
const db = new Database(values.db);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = OFF');
migrate(db, values.db);
const started = Date.now();

const day = (offset: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() + offset);
const at = (d: Date, hour: number, minute = 0) =>
  new Date(d.getFullYear(), d.getMonth(), d.getDate(), hour, minute).getTime();
const dayKey = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const workingDays = Array.from({ length: dayCount }, (_, i) => day(-dayCount + 1 + i)).filter(
  (d) => d.getDay() >= 1 && d.getDay() <= 5,
);
const yearStart = at(day(-dayCount), 9);

db.exec('BEGIN');
// People: managers first, each with up to `teamSize` reports; the first is an admin who sees everyone.
const managers = Math.max(1, Math.ceil(peopleCount / (teamSize + 1)));
const insertUser = db.prepare(
  'INSERT INTO users (id, name, full_name, role, manager_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
);
for (let m = 1; m <= managers; m++)
  insertUser.run(
    m,
    `lead${m}`,
    `Team lead ${m}`,
    m === 1 ? 'admin' : 'manager',
    m === 1 ? null : 1,
    yearStart,
  );
for (let e = managers + 1; e <= peopleCount; e++)
  insertUser.run(e, `user${e}`, `Employee ${e}`, 'employee', ((e - managers - 1) % managers) + 1, yearStart);
const employees = Array.from({ length: peopleCount }, (_, i) => i + 1);

const insertProject = db.prepare('INSERT INTO projects (id, name, created_at) VALUES (?, ?, ?)');
PROJECTS.forEach((name, i) => {
  insertProject.run(i + 1, name, yearStart);
});
const insertTag = db.prepare('INSERT INTO tags (id, name) VALUES (?, ?)');
TAGS.forEach((name, i) => {
  insertTag.run(i + 1, name);
});

const insertTask =
  db.prepare(`INSERT INTO tasks (id, title, project_id, kind, general_level, part, previous_part_id, text, status, priority,
  deadline_at, deadline_all_day, deadline_hard, planned_minutes, time_tracking, accept_required, director_id, responsible_id, parent_id,
  description, mark, created_at, updated_at, closed_at, seen_at) VALUES
  (@id, @title, @project, @kind, @level, @part, @prev, @text, @status, @priority, @deadline, 1, @hard, @plan, @tracking, @accept,
  @director, @responsible, @parent, @description, @mark, @created, @updated, @closed, @seen)`);
const insertTaskTag = db.prepare('INSERT OR IGNORE INTO task_tags (task_id, tag_id) VALUES (?, ?)');
const insertCrm = db.prepare('INSERT OR IGNORE INTO crm_links (task_id, kind, ref) VALUES (?, ?, ?)');
const insertComment = db.prepare(
  'INSERT INTO comments (id, task_id, author_id, kind, body, reply_to_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const insertResult = db.prepare(
  'INSERT INTO results (comment_id, proposal, abstract, links, explanation, conclusion) VALUES (?, ?, ?, ?, ?, ?)',
);
const insertHistory = db.prepare(
  'INSERT INTO history (task_id, actor_id, at, field, old_value, new_value, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
);

const tasksOf = new Map<number, number[]>(employees.map((e) => [e, []]));
let commentId = 0;
let taskId = 0;
let lastCompound: { id: number; responsible: number; project: number } | null = null;
let lastOrdinary: { id: number; part: number; text: string; project: number; responsible: number } | null =
  null;
while (taskId < taskCount) {
  taskId += 1;
  const responsible = pick(employees);
  const director = chance(0.7) ? responsible : ((responsible - 1) % managers) + 1;
  const createdDay = between(-dayCount + 1, 0);
  const created = at(day(createdDay), between(8, 17), between(0, 59));
  const roll = random();
  let kind = 'ordinary';
  let project = between(1, PROJECTS.length);
  let parent: number | null = null;
  let part: number | null = null;
  let prev: number | null = null;
  let text = `${pick(VERBS)} ${pick(OBJECTS)} #${taskId}`;
  if (roll < 0.05) kind = 'general';
  else if (roll < 0.13) kind = 'stec';
  else if (roll < 0.18) kind = 'control';
  else if (roll < 0.3 && lastCompound) {
    parent = lastCompound.id;
    project = lastCompound.project;
  } else if (roll < 0.34 && lastOrdinary && lastOrdinary.responsible === responsible) {
    part = lastOrdinary.part + 1;
    prev = lastOrdinary.id;
    text = lastOrdinary.text;
    project = lastOrdinary.project;
  }
  const age = -createdDay;
  // Like a real team's tracker: old work is almost all closed, recent work partly open.
  const closed = kind !== 'stec' && (age > 30 ? chance(0.99) : age > 5 ? chance(0.8) : chance(0.3));
  const status = closed
    ? chance(0.97)
      ? 'completed'
      : 'declined'
    : pick(['new', 'pending', 'pending', 'in_progress', 'deferred']);
  const deadline =
    kind === 'stec' ? at(day(createdDay + 365), 23, 59) : at(day(createdDay + between(0, 10)), 23, 59);
  const marker =
    kind === 'general' ? 'General: ' : kind === 'stec' ? 'STEC: ' : kind === 'control' ? 'Control: ' : '';
  const prefix = kind === 'stec' ? '' : `${PROJECTS[project - 1]}: `;
  const title = `${prefix}${part ? `(Part ${part}) ` : ''}${marker}${text}`;
  const closedAt = closed ? Math.min(created + between(1, 72) * 3_600_000, at(today, 18)) : null;
  insertTask.run({
    id: taskId,
    title,
    project: kind === 'stec' ? null : project,
    kind,
    level: kind === 'general' ? 1 : 0,
    part,
    prev,
    text,
    status,
    priority: pick(['high', 'medium', 'medium', 'medium', 'low']),
    deadline,
    hard: chance(0.05) ? 1 : 0,
    plan: kind === 'general' || kind === 'stec' ? null : pick([15, 30, 30, 45, 60, 90, 120, 180]),
    tracking: kind === 'general' ? 0 : 1,
    accept: chance(0.1) ? 1 : 0,
    director,
    responsible,
    parent,
    description: chance(0.7)
      ? `1. ${pick(VERBS)} ${pick(OBJECTS)}\n2. ${pick(VERBS)} ${pick(OBJECTS)}`
      : null,
    mark: closed && director !== responsible ? (chance(0.9) ? 'positive' : 'negative') : null,
    created,
    updated: closedAt ?? created,
    closed: closedAt,
    seen: chance(0.95) ? created : null,
  });
  insertHistory.run(taskId, director, created, 'created', null, title, null);
  if (closedAt) insertHistory.run(taskId, responsible, closedAt, 'status', 'in_progress', status, null);
  for (let t = between(0, 2); t > 0; t--) insertTaskTag.run(taskId, between(1, TAGS.length));
  if (chance(0.15))
    insertCrm.run(taskId, pick(['lead', 'contact', 'company', 'deal']), String(between(1, 500)));
  if (chance(0.3))
    insertComment.run(
      ++commentId,
      taskId,
      director,
      'comment',
      `Please ${pick(VERBS).toLowerCase()} ${pick(OBJECTS)} first`,
      null,
      created + 600_000,
    );
  if (status === 'completed' && closedAt) {
    insertComment.run(
      ++commentId,
      taskId,
      responsible,
      'result',
      `Done: ${pick(OBJECTS)} ${pick(['sent', 'agreed', 'checked', 'filed'])}`,
      null,
      closedAt,
    );
    insertResult.run(
      commentId,
      chance(0.2) ? 'Template it next time' : null,
      null,
      '[]',
      chance(0.05) ? 'Took longer: the client added items' : null,
      kind === 'control' ? 'No remarks' : null,
    );
  }
  if (kind === 'general') lastCompound = { id: taskId, responsible, project };
  if (kind === 'ordinary') lastOrdinary = { id: taskId, part: part ?? 1, text, project, responsible };
  if (kind !== 'general') tasksOf.get(responsible)!.push(taskId);
}

// A year of working days: each person starts about 09:00 and tracks `entriesPerDay` stretches on their tasks.
const insertEntry =
  db.prepare(`INSERT INTO time_entries (task_id, user_id, start_at, end_at, source, comment, retroactive, reason, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insertDay = db.prepare(
  'INSERT INTO work_days (user_id, day, started_at, ended_at) VALUES (?, ?, ?, ?)',
);
const insertReport = db.prepare(
  'INSERT INTO day_reports (user_id, day, recorded_at, snapshot, approved_by, approved_at, mark, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
);
let entries = 0;
const lastDay = workingDays.at(-1)!;
for (const person of employees) {
  const own = tasksOf.get(person)!;
  if (own.length === 0) continue;
  for (const d of workingDays) {
    let cursor = at(d, 9, between(0, 15));
    const dayStart = cursor;
    for (let i = 0; i < entriesPerDay; i++) {
      const minutes = between(8, 30);
      const manual = chance(0.01);
      const retroactive = manual && chance(0.3);
      const end = cursor + minutes * 60_000;
      insertEntry.run(
        pick(own),
        person,
        cursor,
        end,
        manual ? 'manual' : 'timer',
        manual ? 'forgot to start the timer' : null,
        retroactive ? 1 : 0,
        retroactive ? 'entered the next day' : null,
        end,
        end,
      );
      entries += 1;
      cursor = end + between(0, 3) * 60_000;
    }
    const isToday = d === lastDay;
    insertDay.run(person, dayKey(d), dayStart, isToday ? null : cursor);
    if (!isToday && chance(0.9)) {
      const approved = chance(0.5);
      const manager = ((person - 1) % managers) + 1;
      insertReport.run(
        person,
        dayKey(d),
        cursor + 60_000,
        '{"schema":"regula.day-report","version":1,"generated":"bench"}',
        approved ? manager : null,
        approved ? cursor + 3_600_000 : null,
        approved ? 'positive' : null,
        null,
      );
    }
  }
}
db.exec('COMMIT');
db.pragma('wal_checkpoint(TRUNCATE)');
db.pragma('optimize');
db.close();
console.log(
  `${values.db}: ${peopleCount} people (${managers} leads, teams of up to ${teamSize}), ${taskCount} tasks, ${entries} time entries over ${workingDays.length} working days, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
