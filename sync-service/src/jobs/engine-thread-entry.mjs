// Entry of the engine thread (engine-thread.ts). Plain JavaScript, so it loads in a worker thread
// whatever loader the parent uses; it then runs the TypeScript body through tsx, as the service
// does everywhere (no build step).
import { register } from 'tsx/esm/api';

register();
await import('./engine-thread.worker.ts');
