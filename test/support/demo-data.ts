/** The demo data for app suites (an app's tests reach the worker's demo through here, as they reach the embedded marketplace). */
export { DEMO_LOGINS, seedDemoData } from '../../apps/worker/src/demo-data';
