// The cursor format is shared by both stores (../cursor.ts).
export { decodeCursor, encodeCursor } from '../cursor';
