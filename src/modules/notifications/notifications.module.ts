import { Module } from '@nestjs/common';

/** The notification feed and signed webhooks. */
@Module({})
export class NotificationsModule {}
