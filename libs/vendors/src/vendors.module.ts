import { Module } from '@nestjs/common';
import { AccountsModule } from '@ocop/accounts';
import { NotificationsModule } from '@ocop/notifications';
import { VillagesModule } from '@ocop/villages';
import { VendorInvitationsService } from './vendor-invitations.service';
import { VendorsService } from './vendors.service';

@Module({ imports: [AccountsModule, VillagesModule, NotificationsModule], providers: [VendorsService, VendorInvitationsService], exports: [VendorsService, VendorInvitationsService, VillagesModule] })
export class VendorsModule {}
