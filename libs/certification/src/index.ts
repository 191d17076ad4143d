import { Certificate } from './certificate.entity';
import { Inspection } from './inspection.entity';

export * from './certificate.entity';
export * from './inspection.entity';
export const CERTIFICATION_ENTITIES = [Certificate, Inspection];
