import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Competition } from './entities/competition.entity';

/** What other modules may ask about competitions. */
@Injectable()
export class CompetitionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(id: string, manager: EntityManager = this.db.manager): Promise<Competition | null> {
    return manager.findOneBy(Competition, { id });
  }
}
