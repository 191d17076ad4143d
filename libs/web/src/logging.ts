import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@ocop/core';

/** Structured JSON logs (pino); secrets in headers are redacted. */
export function loggingModule(app: string) {
  return LoggerModule.forRootAsync({
    inject: [AppConfig],
    useFactory: (config: AppConfig) => ({
      pinoHttp: {
        level: config.logLevel,
        base: { app, pid: process.pid },
        redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        autoLogging: { ignore: (req: { url?: string }) => req.url === '/health' },
        customProps: () => ({}),
      },
    }),
  });
}
