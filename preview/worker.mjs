// Worker entry: registers tsx in this thread (a worker does not inherit the parent's loader), then runs worker.ts.
import { tsImport } from 'tsx/esm/api';

await tsImport('./worker.ts', import.meta.url);
