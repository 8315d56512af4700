import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnvironmentVariables } from '../../../config/env.validation';
import { typeormOptions } from '../../../config/typeorm.options';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [EnvironmentVariables],
      useFactory: (env: EnvironmentVariables) => ({ ...typeormOptions(env.DATABASE_URL), migrationsRun: false }),
    }),
  ],
})
export class DatabaseModule {}
