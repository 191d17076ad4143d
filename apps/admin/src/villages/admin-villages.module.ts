import { Module } from '@nestjs/common';

/** Admin: craft villages and featured curation (API and pages). */
@Module({})
export class AdminVillagesModule {}
