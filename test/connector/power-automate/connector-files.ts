/** The connector's files as a flow maker imports them, read from disk. */
import fs from 'node:fs';
import path from 'node:path';

export const CONNECTOR_DIR = path.resolve(__dirname, '../../../connector/power-automate');
export const SWAGGER_PATH = path.join(CONNECTOR_DIR, 'apiDefinition.swagger.json');
export const API_PROPERTIES_PATH = path.join(CONNECTOR_DIR, 'apiProperties.json');
export const ICON_PATH = path.join(CONNECTOR_DIR, 'icon.png');

export function readConnectorFiles(): { swagger: Record<string, any>; apiProperties: Record<string, any>; swaggerBytes: number } {
  const text = fs.readFileSync(SWAGGER_PATH);
  return {
    swagger: JSON.parse(text.toString('utf8')),
    apiProperties: JSON.parse(fs.readFileSync(API_PROPERTIES_PATH, 'utf8')),
    swaggerBytes: text.length,
  };
}
