import { Module } from '@nestjs/common';

/** Training sessions of the draw's training arms, attendance per person, and the assigned-versus-received table per arm. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class TrainingModule {}
