import { Module } from '@nestjs/common';
import { PlatformModule } from '@qbd/platform';

@Module({
  imports: [PlatformModule.forRoot({ app: 'sync-worker' })],
})
export class AppModule {}
