import { Module } from '@nestjs/common';
import { AccountsModule } from '@ocop/accounts';
import { NotificationsModule } from '@ocop/notifications';
import { VillagesModule } from '@ocop/villages';
import { VendorsService } from './vendors.service';

@Module({ imports: [AccountsModule, VillagesModule, NotificationsModule], providers: [VendorsService], exports: [VendorsService, VillagesModule] })
export class VendorsModule {}
