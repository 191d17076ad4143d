import { describeApiFuzz } from './fuzz-support';

// Every API route of the vendor app, from its route table, under hostile bodies and query strings.
describeApiFuzz('vendor');
