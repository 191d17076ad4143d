import { Certificate } from './certificate.entity';
import { Inspection } from './inspection.entity';

export * from './certificate.entity';
export * from './inspection.entity';
export * from './certificate.rules';
export * from './certificate.mapper';
export * from './certificate-products.port';
export * from './certificate-expiry.service';
export * from './certification.service';
export * from './inspections.service';
export * from './registry-csv';
export * from './registry-import.service';
export * from './certification.job-names';
export * from './certification.module';
export * from './dto/certificate.dto';
export const CERTIFICATION_ENTITIES = [Certificate, Inspection];
export * from './certification.wiring';
