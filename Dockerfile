# syntax=docker/dockerfile:1
# Build with the SDK, run on the smaller ASP.NET runtime image, as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/BraketBot/BraketBot.csproj src/BraketBot/
RUN dotnet restore src/BraketBot/BraketBot.csproj -r linux-x64
COPY src/ src/
# ReadyToRun: the app's code is compiled ahead of time, so a new process's first breach does not wait
# for the JIT (the benchmark's cold-start row).
RUN dotnet publish src/BraketBot/BraketBot.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true --no-restore -o /app

# Charts need nothing more in the image: SkiaSharp's self-contained Linux build (no fontconfig) is in
# the publish output, and the charts' font (DejaVu Sans) is inside the app.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# The image's built-in unprivileged user (uid 1654).
USER $APP_UID
ENTRYPOINT ["dotnet", "BraketBot.dll"]
