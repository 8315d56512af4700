import { Module } from '@nestjs/common';

/** Mentors: assignment to arm A and C teams within their limits, meetings logged, reminders. */
@Module({})
export class MentorsModule {}
