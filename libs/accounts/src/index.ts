import { Session } from './session.entity';
import { User } from './user.entity';

export * from './user.entity';
export * from './session.entity';
export const ACCOUNTS_ENTITIES = [User, Session];
