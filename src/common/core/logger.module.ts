import { Module } from '@nestjs/common';
import { LoggerModule as PinoModule } from 'nestjs-pino';
import { EnvironmentVariables } from '../../../config/env.validation';
import { requestIdOf } from '../http/request-id';

/** JSON logs with a request id; secrets in headers and bodies never reach the log. */
@Module({
  imports: [
    PinoModule.forRootAsync({
      inject: [EnvironmentVariables],
      useFactory: (env: EnvironmentVariables) => ({
        pinoHttp: {
          level: env.LOG_LEVEL,
          // Fastify assigned the id already (see requestIdOf); the log uses the same one.
          genReqId: (req, res) => {
            const id = (req as { id?: string }).id ?? requestIdOf(req);
            res.setHeader('x-request-id', id);
            return id;
          },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
            }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          redact: [
            'req.headers.authorization',
            'req.headers.cookie',
            'req.body.password',
            'req.body.token',
            'req.body.refreshToken',
          ],
          customProps: () => ({ service: 'api' }),
          autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
        },
      }),
    }),
  ],
})
export class LoggerModule {}
