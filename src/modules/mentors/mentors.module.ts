import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MentorAssignment } from './entities/mentor-assignment.entity';
import { MentorLoadRow } from './entities/mentor-load.entity';
import { MentorMeeting } from './entities/mentor-meeting.entity';
import { MentorsController } from './mentors.controller';
import { MentorsService } from './mentors.service';

/** Mentors: assignment to arm A and C teams within their limits, meetings logged, reminders. */
@Module({
  imports: [TypeOrmModule.forFeature([MentorAssignment, MentorLoadRow, MentorMeeting])],
  controllers: [MentorsController],
  providers: [MentorsService],
  exports: [MentorsService],
})
export class MentorsModule {}
