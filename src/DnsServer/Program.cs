using SplitDns.Server.Hosting;

return await ServerProgram.RunAsync(args).ConfigureAwait(false);
