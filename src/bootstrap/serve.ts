import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppModule } from '../app.module';
import { createApp } from './create-app';
import { startupSummary } from './startup-summary';
import { platformConfig } from '../platform/config/platform.config';
import { ConfigValidationError } from '../platform/config/define-config';

/** Builds the app, listens, and says where; a failure to start is one line and exit code 1. */
export async function serve(): Promise<void> {
  const app = await createApp(AppModule.register());
  const { port, host } = platformConfig().http;
  await app.listen(port, host).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    throw new ConfigValidationError(
      `Cannot listen on ${host}:${port} (${code}): ${code === 'EADDRINUSE' ? 'another process uses that port' : 'not allowed'}; stop it, or set PORT (and HOST) to another one`,
    );
  });
  new Logger('Main').log(startupSummary(app, host, port));
}

export function reportStartFailure(error: unknown): never {
  if (error instanceof ConfigValidationError) {
    // One clear line that names the setting, not a stack trace.
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}
