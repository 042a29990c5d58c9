import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { AppModule } from './app.module';
import { createApp } from './bootstrap/create-app';
import { platformConfig } from './platform/config/platform.config';
import { ConfigValidationError } from './platform/config/define-config';

async function main(): Promise<void> {
  const app = await createApp(AppModule.register());
  const { port, host } = platformConfig().http;
  await app.listen(port, host);
  const shown = host === '0.0.0.0' ? 'localhost' : host;
  new Logger('Main').log(`Serving on http://${shown}:${port} (API docs: http://${shown}:${port}/docs)`);
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
