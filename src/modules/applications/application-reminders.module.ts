import { Module } from '@nestjs/common';
import { DraftRemindersSweep } from './draft-reminders.sweep';

/** The applications' scheduled reminders, for the worker process. */
@Module({ providers: [DraftRemindersSweep], exports: [DraftRemindersSweep] })
export class ApplicationRemindersModule {}
