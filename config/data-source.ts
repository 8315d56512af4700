import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadEnvironment } from './load-env';
import { typeormOptions } from './typeorm.options';

/** For the TypeORM CLI (migration:generate / revert). */
export default new DataSource(typeormOptions(loadEnvironment().DATABASE_URL));
