import { runImport } from './run-import';

/** `npm run import:addresses -- FILE`: the digital-address directory (CSV or JSON), through the integration API. */
await runImport('addresses', process.argv.slice(2));
