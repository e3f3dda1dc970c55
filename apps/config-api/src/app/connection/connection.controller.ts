import { Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrorBodyDoc } from '../common/openapi';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { V1Controller } from '../common/v1-controller.decorator';
import { ConnectionService, type IssuedCredentials } from './connection.service';

class IssuedCredentialsView implements IssuedCredentials {
  @ApiProperty({ example: 'pl-3f2a9c01b7e4' })
  userName: string;

  @ApiProperty({
    description:
      'Shown this once: only its hash is kept. The user types it into Web Connector.',
  })
  password: string;

  @ApiProperty()
  credentialGeneration: number;
}

@V1Controller('companies/:id', 'web connector')
export class ConnectionController {
  constructor(private readonly connection: ConnectionService) {}

  @Post('connection')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: 'Create the Web Connector account, or rotate its password',
    description:
      'Returns the password once; afterwards only its hash exists. Rotating ends the open Web Connector session and refuses every ticket issued before.',
  })
  @ApiOkResponse({ type: IssuedCredentialsView })
  issue(@Param('id', UuidParamPipe) id: string): Promise<IssuedCredentials> {
    return this.connection.issueCredentials(id);
  }

  @Get('qwc')
  @ApiOperation({
    summary: 'Download the company’s .qwc file, to add the connector to Web Connector',
  })
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'The .qwc document', schema: { type: 'string' } })
  @ApiResponse({
    status: 409,
    description: 'No Web Connector account yet (POST .../connection first)',
    type: ApiErrorBodyDoc,
  })
  async qwc(
    @Param('id', UuidParamPipe) id: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.connection.qwc(id);
    await reply
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.xml);
  }
}
