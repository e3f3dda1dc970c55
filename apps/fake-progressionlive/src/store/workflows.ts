import { isWireObject, list, str, type WireObject } from '../soap/wire-value';
import { fault } from './fake-fault';
import { isFilled, type PropertyDefinitions } from './properties';
import type { RecordTables } from './record-tables';
import { asAny } from '../soap/wire-value';

export interface WorkflowSeed {
  label: string;
  steps: Array<{ logicId: number; label: string }>;
  /** Allowed moves `[fromLogicId, toLogicId]`; only enforced in strict mode. */
  transitions?: Array<[number, number]>;
}

export interface StepChange {
  taskId: string;
  fromLogicId: number | null;
  toLogicId: number;
  at: string;
  stateId: string;
}

/** Workflows, their steps, and the moves of tasks between steps. */
export class Workflows {
  private readonly transitions = new Map<string, Set<string>>();
  private readonly history = new Map<string, StepChange[]>();

  constructor(
    private readonly tables: RecordTables,
    private readonly definitions: PropertyDefinitions,
  ) {}

  create(seed: WorkflowSeed): string {
    const id = this.tables.newId();
    const steps = seed.steps.map((step) => this.createStep(step));
    this.tables.put('WORKFLOW', {
      $type: 'Workflow',
      Id: id,
      Label: seed.label,
      Steps: { Record: steps },
    });
    const moves = (seed.transitions ?? []).map(([from, to]) => `${from}>${to}`);
    this.transitions.set(id, new Set(moves));
    return id;
  }

  /** The step of the task's workflow that has this logic id, if any. */
  stepOf(task: WireObject, logicId: number): WireObject | undefined {
    const workflow = this.workflowOf(task);
    return list(workflow?.['Steps'] && (workflow['Steps'] as WireObject)['Record']).find(
      (s) => Number(s['LogicId']) === logicId,
    );
  }

  /** Moves a task to the step with `logicId`, enforcing the step's mandatory properties. */
  progress(
    task: WireObject,
    logicId: number,
    at: string,
    userId: string,
    strict: boolean,
  ) {
    const step = this.stepOf(task, logicId);
    if (!step) {
      throw fault.validation(`Logic id ${logicId} is not a step of this task's workflow`);
    }
    const from = currentLogicId(task);
    if (strict) this.checkTransition(task, from, logicId);
    this.checkMandatory(task, logicId);
    const state = this.newState(step, logicId, at, userId);
    task['CurrentState'] = state;
    const change = {
      taskId: str(task['Id']) as string,
      fromLogicId: from,
      toLogicId: logicId,
      at,
      stateId: str(state['Id']) as string,
    };
    this.historyOf(change.taskId).push(change);
    return change;
  }

  /** Puts a seeded task at a step without any check (test set-up only). */
  place(task: WireObject, logicId: number, at: string): void {
    const step = this.stepOf(task, logicId);
    if (!step) throw new Error(`logic id ${logicId} is not in the task type's workflow`);
    task['CurrentState'] = this.newState(step, logicId, at, undefined);
  }

  historyOf(taskId: string): StepChange[] {
    let changes = this.history.get(taskId);
    if (!changes) {
      changes = [];
      this.history.set(taskId, changes);
    }
    return changes;
  }

  clear(): void {
    this.transitions.clear();
    this.history.clear();
  }

  private createStep(step: { logicId: number; label: string }): WireObject {
    const record: WireObject = {
      $type: 'WorkflowStep',
      Id: this.tables.newId(),
      LogicId: String(step.logicId),
      StatusLabel: step.label,
    };
    this.tables.put('WORKFLOW_STEP', record);
    return record;
  }

  private workflowOf(task: WireObject): WireObject | undefined {
    const typeRef = task['TypeRef'];
    const taskType = isWireObject(typeRef)
      ? this.tables.get('TASK_TYPE', str(typeRef['Id']) ?? '')
      : undefined;
    const workflowRef = taskType?.['WorkflowRef'];
    return isWireObject(workflowRef)
      ? this.tables.get('WORKFLOW', str(workflowRef['Id']) ?? '')
      : undefined;
  }

  private checkTransition(task: WireObject, from: number | null, to: number): void {
    const workflowId = str(this.workflowOf(task)?.['Id']) ?? '';
    const allowed = this.transitions.get(workflowId) ?? new Set();
    if (!allowed.has(`${from}>${to}`)) {
      throw fault.validation(`A task cannot go from step ${from} to step ${to}`);
    }
  }

  private checkMandatory(task: WireObject, logicId: number): void {
    const props = list(
      isWireObject(task['Properties']) ? task['Properties']['Property'] : undefined,
    );
    for (const def of this.definitions.forType('TASK')) {
      if (!def.mandatoryInLogicIds?.includes(logicId)) continue;
      const stored = props.find((p) => p['Name'] === def.name);
      if (!isFilled(asAny(stored?.['Value']))) {
        throw fault.validation(`Property ${def.name} is mandatory at step ${logicId}`);
      }
    }
  }

  private newState(step: WireObject, logicId: number, at: string, userId?: string) {
    const state: WireObject = {
      Id: this.tables.newId(),
      WorkflowStepRef: { Id: str(step['Id']) ?? null, Type: 'WORKFLOW_STEP' },
      LogicId: String(logicId),
      Datetime: at,
    };
    if (userId) state['UserRef'] = { Id: userId, Type: 'USER' };
    this.tables.put('TASK_STATE', { $type: 'TaskState', ...state });
    return state;
  }
}

export function currentLogicId(task: WireObject): number | null {
  const state = task['CurrentState'];
  const logicId = isWireObject(state) ? str(state['LogicId']) : undefined;
  return logicId === undefined ? null : Number(logicId);
}
