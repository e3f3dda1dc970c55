export {
  startFakeProgressionLive,
  type RunningFake,
  type StartOptions,
} from './http/server';
export {
  FakeProgressionLiveStore,
  type FakeOptions,
  type TypeKind,
} from './store/fake-store';
export type { FaultSpec, InjectedFaultKind } from './store/fault-injection';
export type { JournalEntry } from './store/journal';
export type { PropertyDefinition, PropertyValueType } from './store/properties';
export type { TaskSeed, TaskItemSeed, SeedPropertyValue } from './store/task-seed';
export type { WorkflowSeed } from './store/workflows';
export type { WireAny, WireObject, WireValue } from './soap/wire-value';
export { seedDemo, DEMO_ACCOUNT, DEMO_PROPERTIES, type DemoIds } from './seed/demo-seed';
export { SERVICE_PATH, buildWsdl } from './schema/wsdl';
export { TNS as FAKE_TARGET_NAMESPACE } from './schema/wire-schema';
