#!/usr/bin/env node
// `gemini`: the command-line client (see `gemini --help`). Exit codes are in app.ts.
import { main } from './app.js';

// A closed pipe (`gemini models ls | head`) ends the program quietly, as Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
