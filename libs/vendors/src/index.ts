import { Vendor } from './vendor.entity';
import { VendorInvitation } from './vendor-invitation.entity';

export * from './vendor.entity';
export * from './vendor-invitation.entity';
export const VENDORS_ENTITIES = [Vendor, VendorInvitation];
export * from './vendor.rules';
export * from './vendors.repository';
export * from './vendors.service';
export * from './vendor-invitations.repository';
export * from './vendor-invitations.service';
export * from './vendors.module';
export * from './dto/vendor.dto';
export * from './vendors.wiring';
