# BlogShop.Web: build with the .NET SDK, run on the ASP.NET Core runtime as the image's non-root "app" user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so the layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY BlogShop.Signals/BlogShop.Signals.csproj BlogShop.Signals/
COPY BlogShop.Signals.EntityFrameworkCore/BlogShop.Signals.EntityFrameworkCore.csproj BlogShop.Signals.EntityFrameworkCore/
COPY BlogShop.Signals.AspNetCore/BlogShop.Signals.AspNetCore.csproj BlogShop.Signals.AspNetCore/
COPY BlogShop.Domain/BlogShop.Domain.csproj BlogShop.Domain/
COPY BlogShop.Web/BlogShop.Web.csproj BlogShop.Web/
RUN dotnet restore BlogShop.Web/BlogShop.Web.csproj

COPY BlogShop.Signals/ BlogShop.Signals/
COPY BlogShop.Signals.EntityFrameworkCore/ BlogShop.Signals.EntityFrameworkCore/
COPY BlogShop.Signals.AspNetCore/ BlogShop.Signals.AspNetCore/
COPY BlogShop.Domain/ BlogShop.Domain/
COPY BlogShop.Web/ BlogShop.Web/
RUN dotnet publish BlogShop.Web/BlogShop.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# The data folder (data-protection keys, logs, captured mail) and the media folder are volumes; they are created
# here so the volumes start out owned by the non-root user.
RUN mkdir -p /data/media && chown -R app:app /data
COPY --from=build /app .
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    DataFolder=/data \
    Media__Root=/data/media \
    Serilog__WriteTo__Async__Args__configure__File__Args__path=/data/logs/blogshop-.log
EXPOSE 8080
ENTRYPOINT ["dotnet", "BlogShop.Web.dll"]
