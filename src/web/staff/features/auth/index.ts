export { authArea } from './auth.area.js';
export { SignInCodeStep } from './SignInCodeStep.js';
