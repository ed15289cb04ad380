<?php
require '/usr/share/php/Symfony/Bundle/FrameworkBundle/autoload.php';
require '/usr/share/php/Symfony/Bundle/TwigBundle/autoload.php';
$debug = getenv('APP_DEBUG') === '1';
if ($debug) require '/usr/share/php/Symfony/Bundle/WebProfilerBundle/autoload.php';

use Symfony\Bundle\FrameworkBundle\FrameworkBundle;
use Symfony\Bundle\FrameworkBundle\Kernel\MicroKernelTrait;
use Symfony\Bundle\TwigBundle\TwigBundle;
use Symfony\Bundle\WebProfilerBundle\WebProfilerBundle;
use Symfony\Component\DependencyInjection\Loader\Configurator\ContainerConfigurator;
use Symfony\Component\HttpFoundation\Request;
use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\HttpKernel\Kernel as BaseKernel;
use Symfony\Component\Routing\Loader\Configurator\RoutingConfigurator;

class TermineKernel extends BaseKernel
{
    use MicroKernelTrait;

    public function registerBundles(): iterable
    {
        yield new FrameworkBundle();
        yield new TwigBundle();
        if ($this->isDebug()) yield new WebProfilerBundle();
    }

    protected function configureContainer(ContainerConfigurator $c): void
    {
        $c->extension('framework', ['secret' => getenv('APP_SECRET'), 'http_method_override' => false, 'router' => ['utf8' => true],
            'profiler' => $this->isDebug() ? ['enabled' => true, 'collect' => true] : ['enabled' => false]]);
        if ($this->isDebug()) $c->extension('web_profiler', ['toolbar' => true, 'intercept_redirects' => false]);
        $c->services()->set(self::class)->public()->synthetic()->tag('controller.service_arguments');
    }

    protected function configureRoutes(RoutingConfigurator $routes): void
    {
        if ($this->isDebug()) {
            $routes->import('@WebProfilerBundle/Resources/config/routing/wdt.xml')->prefix('/_wdt');
            $routes->import('@WebProfilerBundle/Resources/config/routing/profiler.xml')->prefix('/_profiler');
        }
        $routes->add('home', '/')->controller([self::class, 'home']);
    }

    public function home(): Response
    {
        return new Response('<html><head><title>Online-Terminbuchung</title></head><body><h1>Termin buchen</h1></body></html>');
    }

    public function getProjectDir(): string { return dirname(__DIR__); }
    public function getCacheDir(): string { return getenv('APP_VAR') . '/cache/' . $this->environment; }
    public function getLogDir(): string { return getenv('APP_VAR') . '/log'; }
}

$kernel = new TermineKernel($debug ? 'dev' : 'prod', $debug);
$request = Request::createFromGlobals();
$response = $kernel->handle($request);
$response->send();
$kernel->terminate($request, $response);
