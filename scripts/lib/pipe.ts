/**
 * A command-line tool whose output is cut short by its reader (`npm run kb -- search … | head -3`) stops quietly,
 * as Unix tools do, instead of crashing with an unhandled EPIPE error.
 */
export function stopQuietlyWhenPipeCloses(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
  }
}
