import { describePageFuzz } from './page-fuzz';

// Every page of the admin app: forms posted as a browser would with hostile fields, GETs with hostile query strings.
describePageFuzz(['admin']);
