import { runImport } from './run-import';

/** `npm run import:dossiers -- FILE`: CSV or JSON as the one-stop system exports it, through the integration API. */
await runImport('dossiers', process.argv.slice(2));
