import { Module, type OnModuleInit } from '@nestjs/common';
import { EventRelay } from '@ocop/jobs';
import { NotificationsModule } from '@ocop/notifications';
import { CertificateExpiryService } from './certificate-expiry.service';
import { subscribeCertificationEvents } from './certification.jobs';
import { CertificationService } from './certification.service';
import { InspectionsService } from './inspections.service';
import { RegistryImportService } from './registry-import.service';

const SERVICES = [CertificationService, CertificateExpiryService, InspectionsService, RegistryImportService];

/** The OCOP certificate registry: certificates, CSV import, inspections, expiry. */
@Module({ imports: [NotificationsModule], providers: SERVICES, exports: SERVICES })
export class CertificationModule implements OnModuleInit {
  constructor(private readonly relay: EventRelay) {}

  onModuleInit(): void {
    subscribeCertificationEvents(this.relay);
  }
}
