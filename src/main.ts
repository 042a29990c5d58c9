import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppModule } from './app.module';
import { createApp } from './bootstrap/create-app';
import { startupSummary } from './bootstrap/startup-summary';
import { platformConfig } from './platform/config/platform.config';
import { ConfigValidationError } from './platform/config/define-config';

async function main(): Promise<void> {
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

main().catch((error: unknown) => {
  if (error instanceof ConfigValidationError) {
    // One clear line that names the setting, not a stack trace.
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
