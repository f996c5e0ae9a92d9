import type { Store } from '../../../core/store.js';
import { notYet } from './base.js';
import { PgTemplates } from './templates.js';

/** The team server's tasks (PostgreSQL): the same meaning as src/db/sqlite/tasks.ts. */
export abstract class PgTasks extends PgTemplates {
  dependencyLinks(..._args: Parameters<Store['dependencyLinks']>): ReturnType<Store['dependencyLinks']> {
    throw notYet('dependencyLinks');
  }

  linksOf(..._args: Parameters<Store['linksOf']>): ReturnType<Store['linksOf']> {
    throw notYet('linksOf');
  }

  allLinks(..._args: Parameters<Store['allLinks']>): ReturnType<Store['allLinks']> {
    throw notYet('allLinks');
  }

  addLink(..._args: Parameters<Store['addLink']>): ReturnType<Store['addLink']> {
    throw notYet('addLink');
  }

  removeLink(..._args: Parameters<Store['removeLink']>): ReturnType<Store['removeLink']> {
    throw notYet('removeLink');
  }

  linksTo(..._args: Parameters<Store['linksTo']>): ReturnType<Store['linksTo']> {
    throw notYet('linksTo');
  }

  countTasks(..._args: Parameters<Store['countTasks']>): ReturnType<Store['countTasks']> {
    throw notYet('countTasks');
  }

  projectNames(..._args: Parameters<Store['projectNames']>): ReturnType<Store['projectNames']> {
    throw notYet('projectNames');
  }

  tagNames(..._args: Parameters<Store['tagNames']>): ReturnType<Store['tagNames']> {
    throw notYet('tagNames');
  }

  projectSummaries(..._args: Parameters<Store['projectSummaries']>): ReturnType<Store['projectSummaries']> {
    throw notYet('projectSummaries');
  }

  tagSummaries(..._args: Parameters<Store['tagSummaries']>): ReturnType<Store['tagSummaries']> {
    throw notYet('tagSummaries');
  }

  findProjectByName(
    ..._args: Parameters<Store['findProjectByName']>
  ): ReturnType<Store['findProjectByName']> {
    throw notYet('findProjectByName');
  }

  insertProject(..._args: Parameters<Store['insertProject']>): ReturnType<Store['insertProject']> {
    throw notYet('insertProject');
  }

  getTask(..._args: Parameters<Store['getTask']>): ReturnType<Store['getTask']> {
    throw notYet('getTask');
  }

  taskParties(..._args: Parameters<Store['taskParties']>): ReturnType<Store['taskParties']> {
    throw notYet('taskParties');
  }

  findTasks(..._args: Parameters<Store['findTasks']>): ReturnType<Store['findTasks']> {
    throw notYet('findTasks');
  }

  findTaskSummaries(
    ..._args: Parameters<Store['findTaskSummaries']>
  ): ReturnType<Store['findTaskSummaries']> {
    throw notYet('findTaskSummaries');
  }

  findTaskIds(..._args: Parameters<Store['findTaskIds']>): ReturnType<Store['findTaskIds']> {
    throw notYet('findTaskIds');
  }

  insertTask(..._args: Parameters<Store['insertTask']>): ReturnType<Store['insertTask']> {
    throw notYet('insertTask');
  }

  updateTask(..._args: Parameters<Store['updateTask']>): ReturnType<Store['updateTask']> {
    throw notYet('updateTask');
  }

  setTags(..._args: Parameters<Store['setTags']>): ReturnType<Store['setTags']> {
    throw notYet('setTags');
  }

  observersOf(..._args: Parameters<Store['observersOf']>): ReturnType<Store['observersOf']> {
    throw notYet('observersOf');
  }

  addObserver(..._args: Parameters<Store['addObserver']>): ReturnType<Store['addObserver']> {
    throw notYet('addObserver');
  }

  removeObserver(..._args: Parameters<Store['removeObserver']>): ReturnType<Store['removeObserver']> {
    throw notYet('removeObserver');
  }

  crmLinksOf(..._args: Parameters<Store['crmLinksOf']>): ReturnType<Store['crmLinksOf']> {
    throw notYet('crmLinksOf');
  }

  addCrmLink(..._args: Parameters<Store['addCrmLink']>): ReturnType<Store['addCrmLink']> {
    throw notYet('addCrmLink');
  }

  removeCrmLink(..._args: Parameters<Store['removeCrmLink']>): ReturnType<Store['removeCrmLink']> {
    throw notYet('removeCrmLink');
  }

  coExecutorsOf(..._args: Parameters<Store['coExecutorsOf']>): ReturnType<Store['coExecutorsOf']> {
    throw notYet('coExecutorsOf');
  }

  addCoExecutor(..._args: Parameters<Store['addCoExecutor']>): ReturnType<Store['addCoExecutor']> {
    throw notYet('addCoExecutor');
  }

  tasksTagged(..._args: Parameters<Store['tasksTagged']>): ReturnType<Store['tasksTagged']> {
    throw notYet('tasksTagged');
  }

  tasksDueBetween(..._args: Parameters<Store['tasksDueBetween']>): ReturnType<Store['tasksDueBetween']> {
    throw notYet('tasksDueBetween');
  }

  overdueTasks(..._args: Parameters<Store['overdueTasks']>): ReturnType<Store['overdueTasks']> {
    throw notYet('overdueTasks');
  }

  overdueTasksAt(..._args: Parameters<Store['overdueTasksAt']>): ReturnType<Store['overdueTasksAt']> {
    throw notYet('overdueTasksAt');
  }
}
