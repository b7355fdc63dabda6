// The embedded store's own process: dynalite (LevelDB on disk) listening on a loopback port. The
// parent (functions/local/embedded-dynamo.ts) learns the port over IPC. Running it apart from the
// HTTP server lets the two use both cores; it exits with its parent.
import dynalite from 'dynalite';

const path = process.env.DYNALITE_PATH || undefined;
const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  // The parent may have gone while this started (Ctrl-C during start-up): exit quietly, no stack trace.
  if (!process.connected) process.exit(0);
  process.send?.({ port: server.address().port }, (error) => {
    if (error) process.exit(0);
  });
});
const stop = () => server.close(() => process.exit(0));
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group; the parent decides when to stop us.
