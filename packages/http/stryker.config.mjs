import { defineMutationConfig } from '@textpulse/mutation';

export default defineMutationConfig({ target: 85 });
