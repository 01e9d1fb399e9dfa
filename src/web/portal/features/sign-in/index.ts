export { signInArea } from './sign-in.area.js';
