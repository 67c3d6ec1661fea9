/**
 * The lab SDK: what cells and exercise files get from `import { … } from 'ddia-labs'`: outputs
 * (charts, tables, diagrams, display), claims ("what you should see"), storage engines, the
 * simulator and perf tools.
 */
import { charts, isDisplayable, mermaid, table, DISPLAYABLE, type Displayable } from './outputs';

export { charts, mermaid, table, isDisplayable, DISPLAYABLE, type Displayable };
export * as chart from './chartShortcuts';
export * as storage from './storage';
export * as sim from './sim';
export * as perf from './perf';

export { shouldSee, claim } from './claims';
export { display, setDisplaySink, toOutputBundle, newDisplayId, hasDisplaySink, type DisplayHandle } from './display';
