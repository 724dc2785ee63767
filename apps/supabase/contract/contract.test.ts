import { describeContract } from '@parity/contract';
import { createPlatform } from './platform';

describeContract(createPlatform);
