export { fault, MockFault } from './faults.js';
export {
  type ContractMockOptions,
  contractHandlers,
  type MockAnswer,
  type MockAnswers,
  type MockBody,
  type MockRequest,
} from './handlers.js';
export { type ContractMockServer, serveContractMocks } from './serve.js';
