import { Module } from '@nestjs/common';
import { NotificationsModule } from '@ocop/notifications';
import { CertificateExpiryService } from './certificate-expiry.service';
import { CertificationService } from './certification.service';
import { InspectionsService } from './inspections.service';
import { RegistryImportService } from './registry-import.service';

const SERVICES = [CertificationService, CertificateExpiryService, InspectionsService, RegistryImportService];

/** The OCOP certificate registry: certificates, CSV import, inspections, expiry. */
@Module({ imports: [NotificationsModule], providers: SERVICES, exports: SERVICES })
export class CertificationModule {}
