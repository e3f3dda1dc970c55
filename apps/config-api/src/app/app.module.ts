import { Module } from '@nestjs/common';
import { PlatformModule } from '@qbd/platform';
import { ConfigApiModule } from './config-api.module';

@Module({
  imports: [PlatformModule.forRoot({ app: 'config-api' }), ConfigApiModule],
})
export class AppModule {}
