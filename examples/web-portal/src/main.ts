import policy from '../../policies/civilized-city.yaml';
import { createPortal } from './createPortal';
import { mountPortal } from './mountPortal';
import './portal.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app');
mountPortal(root, await createPortal({ policy }));
